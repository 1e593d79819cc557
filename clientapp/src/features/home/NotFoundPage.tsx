import { Link } from 'react-router';
import { usePageTitle } from '../../components';

export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="page page--narrow">
      <h1 className="page__title">Page not found</h1>
      <p>The page you asked for does not exist or has moved.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </div>
  );
}
