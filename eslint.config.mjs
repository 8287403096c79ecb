import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypeScript,
  {
    ignores: [".next/**", ".data/**", "node_modules/**", "lib/generated/**", "playwright-report/**", "test-results/**", "next-env.d.ts"],
  },
];

export default config;
