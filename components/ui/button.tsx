"use client";

import { useHydrated } from "@/components/use-hydrated";
import { buttonClasses, type Variant } from "./button-classes";
import type { ButtonHTMLAttributes } from "react";

/**
 * A button whose click handler only exists once React runs: until hydration it is shown
 * disabled, so an early click is not silently lost (plain form buttons work without JS).
 */
export function Button({
  variant = "primary",
  className = "",
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  const hydrated = useHydrated();
  const waitingForScript = Boolean(props.onClick) && !hydrated;
  return <button className={buttonClasses(variant, className)} disabled={disabled || waitingForScript} {...props} />;
}
