import { useAppSelector } from './state/store';
import { LoginScreen } from './screens/LoginScreen';
import { Shell } from './components/Shell';

export function App() {
  const operator = useAppSelector((s) => s.session.operator);
  return operator === null ? <LoginScreen /> : <Shell />;
}
