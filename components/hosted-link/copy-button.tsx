"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies one value and says so (or says to copy it by hand when the clipboard is refused). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button type="button" variant="secondary" className="py-1.5" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="text-xs text-slate-700">
        {state === "copied" ? "Copied" : state === "failed" ? "Could not copy: select the text and copy it" : ""}
      </span>
    </span>
  );
}
