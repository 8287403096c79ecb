"use client";

import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function OAuthButtons({ github, google, callbackUrl }: { github: boolean; google: boolean; callbackUrl: string }) {
  return (
    <div className="grid gap-3">
      {github && (
        <Button type="button" variant="secondary" onClick={() => void signIn("github", { callbackUrl })}>
          Continue with GitHub
        </Button>
      )}
      {google && (
        <Button type="button" variant="secondary" onClick={() => void signIn("google", { callbackUrl })}>
          Continue with Google
        </Button>
      )}
    </div>
  );
}
