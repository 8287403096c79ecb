const paths = {
  bank: "M3 10h18M5 10v9M19 10v9M9 14v3M15 14v3M3 21h18M12 3l9 5H3l9-5z",
  mail: "M4 6h16v12H4zM4 7l8 6 8-6",
} as const;

/** A round tinted badge with a line icon (no emoji: not every system has an emoji font). */
export function IconBadge({ icon }: { icon: keyof typeof paths }) {
  return (
    <div aria-hidden className="mx-auto grid h-12 w-12 place-items-center rounded-full bg-brand-50 text-brand-600">
      <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
        <path d={paths[icon]} />
      </svg>
    </div>
  );
}
