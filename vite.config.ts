import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The app is a static, local-first bundle: no server code, no network at run time.
export default defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
