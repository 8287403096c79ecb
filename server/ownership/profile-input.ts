import "server-only";
import { z } from "zod";
import type { HolderProfileInput } from "./holder-profile";

// A blank field clears what was stored; every field is optional because a profile is filled in
// over time, and the matcher says "no data" for what is missing.
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((v) => v || null);

const pattern = (max: number, re: RegExp, message: string) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => v === "" || re.test(v), message)
    .transform((v) => v || null);

export const holderProfileInput = z.object({
  name: text(200),
  email: z
    .string()
    .trim()
    .max(254, "must be at most 254 characters")
    .refine((v) => v === "" || z.email().safeParse(v).success, "must be an email address like jenny@example.com")
    .transform((v) => v.toLowerCase() || null),
  phone: pattern(30, /^\+?[\d\s().-]*\d[\d\s().-]*$/, "must be a phone number like +1 415 555 0100").refine(
    (v) => v === null || v.replace(/\D/g, "").length >= 7,
    "must have at least 7 digits",
  ),
  addressLine1: text(200),
  addressLine2: text(200),
  city: text(100),
  state: text(100),
  postalCode: pattern(20, /^[A-Za-z0-9][A-Za-z0-9 -]*$/, "must be a postal code like 94103"),
  country: pattern(2, /^[A-Za-z]{2}$/, "must be a two-letter country code like US").transform((v) => v?.toUpperCase() ?? null),
}) satisfies z.ZodType<HolderProfileInput>;
