// Vite's client types: lets TypeScript accept `import './styles/base.css'` and JSON catalogs.
/// <reference types="vite/client" />
