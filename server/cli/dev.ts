// npm run dev: the API in watch mode (tsx watch) and Vite's dev server, which proxies /api to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => `${root}node_modules/.bin/${name}`;

const children: ChildProcess[] = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/main.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, SKIP_CLIENT_BUILD: '1' } }),
  spawn(bin('vite'), [], { cwd: root, stdio: 'inherit', env: process.env }),
];
console.log('Dev: API on http://localhost:' + (process.env.PORT ?? 8787) + ', client with hot reload on http://localhost:5173');

let stopping = false;
const stop = (code = 0) => {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
};
for (const c of children) c.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
