import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

// `vite build apps/web` from the repo root, or `vite` here for a dev server beside a running API.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // The entry chunk is React + Mantine + router (~530 kB, ~165 kB gzipped); charts load only with
    // the dashboard and a contact's score tab. Warn when a chunk grows past that.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { "/api": "http://localhost:3000" },
  },
});
