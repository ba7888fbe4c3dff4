import { render } from 'preact';

render(<p>Tesla Status</p>, document.getElementById('app')!);
