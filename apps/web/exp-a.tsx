import { createRoot } from 'react-dom/client';
import { BrowserRouter, Routes, Route, Link, Navigate, Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
function A() { const l = useLocation(); const n = useNavigate(); const p = useParams(); const [s] = useSearchParams(); return <div onClick={() => n('/x')}>{l.pathname}{p.id}{s.get('a')}<Link to="/b">b</Link><Outlet /></div>; }
createRoot(document.body).render(<BrowserRouter><Routes><Route path="/" element={<A />}><Route path="x" element={<Navigate to="/" />} /></Route></Routes></BrowserRouter>);
