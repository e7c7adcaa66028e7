import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider, Link, Navigate, Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
function A() { const l = useLocation(); const n = useNavigate(); const p = useParams(); const [s] = useSearchParams(); return <div onClick={() => n('/x')}>{l.pathname}{p.id}{s.get('a')}<Link to="/b">b</Link><Outlet /></div>; }
const r = createBrowserRouter([{ path: '/', element: <A />, hydrateFallbackElement: <p>l</p>, children: [{ path: 'x', lazy: async () => ({ Component: (await import('./exp-c')).C }) }] }]);
createRoot(document.body).render(<RouterProvider router={r} />);
