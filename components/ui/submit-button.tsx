"use client";

import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { buttonClasses, type Variant } from "./button-classes";
import { Spinner } from "./spinner";

/**
 * A form's submit button. Before hydration (or with JavaScript off) it is a plain submit button
 * that posts the form; once React runs it shows `pendingLabel` and refuses a second click while
 * the form's server action is in flight.
 */
export function SubmitButton({
  variant = "primary",
  className,
  pendingLabel,
  children,
  disabled,
  ...props
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & { variant?: Variant; pendingLabel?: ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={buttonClasses(variant, className)} disabled={disabled || pending} aria-disabled={disabled || pending} {...props}>
      {pending && <Spinner />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
