"use client";

import { useEffect } from "react";

/** Sends the browser to a server-computed, allow-listed address once the page is shown. */
export function ReturnNow({ url }: { url: string }) {
  useEffect(() => {
    window.location.assign(url);
  }, [url]);
  return null;
}
