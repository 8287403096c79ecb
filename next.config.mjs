import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

// Headers that are the same in every deployment. The ones that depend on the running server
// (Content-Security-Policy with Stripe.js's origin, HSTS when NEXTAUTH_URL is https) are set
// per request in proxy.ts: `next start` serves the headers() baked in at build time.
const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Nothing here uses these powerful features; no page or frame gets them.
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), usb=()" },
  // For browsers without CSP frame-ancestors (proxy.ts sets frame-ancestors 'self').
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
  // Deliberately no Cross-Origin-Opener-Policy: same-origin: Stripe's OAuth popup and the
  // hosted /link pages in webviews need their opener.
];

/**
 * Hosts a browser may load the development server's scripts from. Next allows only `localhost`
 * (and the --hostname it listens on) by default, so the app opened at http://127.0.0.1:3000 kept
 * every button on "Loading…". Loopback in both forms, and NEXTAUTH_URL's host when it names
 * another (HOST opened up to the network).
 */
function devOrigins() {
  const hosts = ["localhost", "127.0.0.1", "[::1]"];
  try {
    if (process.env.NEXTAUTH_URL) hosts.push(new URL(process.env.NEXTAUTH_URL).hostname);
  } catch {
    // A malformed NEXTAUTH_URL is reported by the settings check at start.
  }
  return [...new Set(hosts)];
}

/** @type {import('next').NextConfig} */
const baseConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  // The generated Prisma client and pg stay as plain Node modules on the server.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/schema-engine-wasm"],
  typedRoutes: false,
  experimental: {
    // A CI run starts from a fresh clone, so Turbopack's on-disk dev cache has nothing to reuse,
    // and writing it competes with the tests for the 2 cores: measured on admin-dashboard.spec,
    // 5.7 min with it against 3.5 min without. Developers keep it for fast restarts.
    turbopackFileSystemCacheForDev: !process.env.CI,
  },
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      // Single-use linking pages: nothing for search engines to keep.
      { source: "/link/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
    ];
  },
};

/**
 * The development server asks every dynamic route (/accounts/[id], /link/[token], the API's
 * [id] routes) for its static params on each request, in a fresh worker each time; as a child
 * process that costs a Node.js start per request. Worker threads halve it (measured on
 * /link/[token]: 1.4 to 0.7 CPU seconds a request). The build keeps its default workers.
 * @param {string} phase
 * @returns {import('next').NextConfig}
 */
export default function nextConfig(phase) {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return baseConfig;
  return { ...baseConfig, experimental: { ...baseConfig.experimental, workerThreads: true } };
}
