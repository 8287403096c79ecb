"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { saveProfileAction, type ProfileState } from "@/server/ownership/actions";
import { errorFor, FormMessage } from "@/components/ui/field-error";
import { TextField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

type Fields = { name: string; email: string; phone: string; addressLine1: string; addressLine2: string; city: string; state: string; postalCode: string; country: string };
const FIELD_NAMES = ["name", "email", "phone", "addressLine1", "addressLine2", "city", "state", "postalCode", "country"] as const;

/**
 * The account holder's details. After a refusal the fields keep what was typed and the error sits
 * under its field; after a save they show what was stored.
 */
export function ProfileForm({ stored }: { stored: Fields }) {
  const [state, formAction] = useActionState<ProfileState, FormData>(saveProfileAction, IDLE);
  const value = (field: keyof Fields) => state.fields?.[field] ?? stored[field];
  const field = (name: keyof Fields) => ({ name, defaultValue: value(name), error: errorFor(state, name) });
  return (
    <form action={formAction} className="space-y-6">
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold text-slate-900">You</legend>
        <TextField {...field("name")} label="Full legal name (as your bank knows it)" autoComplete="name" maxLength={200} className="sm:col-span-2" placeholder="Jenny Rosen" />
        <TextField {...field("email")} label="Email" type="email" autoComplete="email" maxLength={254} />
        <TextField {...field("phone")} label="Phone" type="tel" autoComplete="tel" maxLength={30} placeholder="+1 415 555 0100" />
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-6">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Address</legend>
        <TextField {...field("addressLine1")} label="Street address" autoComplete="address-line1" maxLength={200} className="sm:col-span-4" />
        <TextField {...field("addressLine2")} label="Apartment, suite (optional)" autoComplete="address-line2" maxLength={200} className="sm:col-span-2" />
        <TextField {...field("city")} label="City" autoComplete="address-level2" maxLength={100} className="sm:col-span-2" />
        <TextField {...field("state")} label="State" autoComplete="address-level1" maxLength={100} className="sm:col-span-1" />
        <TextField {...field("postalCode")} label="ZIP code" autoComplete="postal-code" maxLength={20} className="sm:col-span-2" />
        <TextField {...field("country")} label="Country" autoComplete="country" maxLength={2} placeholder="US" className="sm:col-span-1" />
      </fieldset>
      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
        <FormMessage state={state} fields={FIELD_NAMES} />
      </div>
    </form>
  );
}
