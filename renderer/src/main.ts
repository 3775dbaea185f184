import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element to mount the UI into');

// `window.lobstr` exists only when the preload ran, i.e. inside the Electron app.
mount(App, { target, props: { bridge: window.lobstr } });
