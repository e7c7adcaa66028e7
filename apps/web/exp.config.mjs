import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
export default defineConfig({ plugins: [react()], logLevel: 'warn', build: { outDir: '/tmp/rrx/' + process.env.X, emptyOutDir: true, rolldownOptions: { input: process.env.X + '.tsx' } } });
