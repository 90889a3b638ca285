import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be one CommonJS file: bundle shared/ into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified by default; Monaco alone halves when minified.
      minify: true,
      // Monaco (~4 MB) is one chunk by nature, loaded only when the Publish tab opens.
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
