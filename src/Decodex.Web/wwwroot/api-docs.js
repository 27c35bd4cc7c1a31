// Starts the interactive API reference (Scalar, served by the app) without inline script.
Scalar.createApiReference('#app', { url: '/api/openapi.json' });
