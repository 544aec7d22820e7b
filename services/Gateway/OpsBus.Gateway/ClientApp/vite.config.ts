import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

declare const process: { env: Record<string, string | undefined> };

// The gateway embeds the build (see OpsBus.Gateway.csproj): OPSBUS_UI_OUT says where it wants it.
// `npm run dev` proxies the API and the hub to a gateway on 127.0.0.1:5080.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env.OPSBUS_UI_OUT ?? "dist",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      // @microsoft/signalr ships comments Rollup cannot place; they are only hints, and the warning is noise in dotnet build.
      onwarn(warning, warn) {
        if (warning.code !== "INVALID_ANNOTATION") warn(warning);
      },
    },
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:5080",
      "/hubs": { target: "http://127.0.0.1:5080", ws: true },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
