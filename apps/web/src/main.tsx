import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadPageCode } from './app/router';
import { getSession } from './lib/auth-session';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

preloadPageCode(window.location.pathname, getSession() !== null);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
