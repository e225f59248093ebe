// Entry point: mounts the app into #root.
import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { AuthGate } from './auth/auth-gate.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
render(
  () => (
    <AuthGate>
      <App />
    </AuthGate>
  ),
  root,
);
