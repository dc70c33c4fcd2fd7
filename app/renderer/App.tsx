import { useAppSelector } from './state/store';
import { LoginScreen } from './screens/LoginScreen';
import { Shell } from './components/Shell';
import { ChangePasswordScreen } from './screens/users/ChangePasswordScreen';

export function App() {
  const operator = useAppSelector((s) => s.session.operator);
  const centre = useAppSelector((s) => s.session.centre);
  const mustChange = useAppSelector((s) => s.session.mustChangePassword);
  if (operator === null && centre === null) return <LoginScreen />;
  // A one-time password opens nothing but its replacement (the back end refuses the rest too).
  if (mustChange) return <ChangePasswordScreen forced />;
  return <Shell />;
}
