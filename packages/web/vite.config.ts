import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Government browsers (奇安信, UOS, 360) are Chromium 86 class: no syntax above ES2020 and no CSS
// `:where(` (antd's StyleProvider hashPriority="high" avoids it); scripts/check-build.mjs checks both.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    target: ['chrome86', 'es2020'],
    cssTarget: 'chrome86',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // one vendor chunk for what every screen needs; echarts only with the screen that draws
        manualChunks(id: string) {
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
