export { Alert } from './Alert';
export { Button } from './Button';
export { Logo } from './Logo';
export { LoadingState, Spinner } from './Spinner';
export { TextField } from './TextField';
export { usePageTitle } from './usePageTitle';
