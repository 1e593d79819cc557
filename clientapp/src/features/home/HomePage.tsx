import { usePageTitle } from '../../components';
import { useMe } from '../auth/authApi';

export default function HomePage() {
  usePageTitle('Home');
  // RequireAuth has loaded the user before this page renders.
  const { data: user } = useMe();
  if (!user) return null;

  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">Home</h1>
      </header>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading" className="card__title">
          Your account
        </h2>
        <p className="account__who">
          <span>
            Signed in as <strong>{user.displayName}</strong>
          </span>
          {user.isPlatformAdmin ? <span className="badge badge--admin">Platform administrator</span> : null}
        </p>
        <dl className="details">
          <div>
            <dt>E-mail</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Account type</dt>
            <dd>{user.isPlatformAdmin ? 'Platform administrator' : 'Standard account'}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}
