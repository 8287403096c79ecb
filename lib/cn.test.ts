import { describe, expect, it } from "vitest";
import { cn } from "./cn";
import { buttonClasses } from "@/components/ui/button-classes";

describe("cn", () => {
  it("lets the later class win a Tailwind conflict", () => {
    expect(cn("px-4 py-2.5", "py-2")).toBe("px-4 py-2");
    expect(cn("bg-brand-600", false, "bg-red-600")).toBe("bg-red-600");
  });

  it("gives a button's extra classes the last word", () => {
    const classes = buttonClasses("secondary", "py-2").split(" ");
    expect(classes).toContain("py-2");
    expect(classes).not.toContain("py-2.5");
  });
});
