// Entry point: mounts the app into #root and registers the service worker (offline, installable).
import { render } from 'solid-js/web';
import { App } from './app.tsx';
import { registerServiceWorker } from './offline/register-sw.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
render(() => <App />, root);
registerServiceWorker();
