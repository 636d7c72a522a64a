import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The console BFF (port 8185 in the launcher) serves the built files from target/classes/console-web and relays
// /api/** to the services; `npm run dev` proxies the same paths to it so the page talks to a real session.
const bff = process.env.CONSOLE_BFF ?? 'http://localhost:8185';

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: '../target/classes/console-web',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: bff, changeOrigin: false },
      '/login': { target: bff, changeOrigin: false },
      '/logout': { target: bff, changeOrigin: false },
      '/oauth2': { target: bff, changeOrigin: false },
    },
  },
});
