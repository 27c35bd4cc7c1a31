// Starts the interactive API reference (Scalar, served by the app) without inline script, and offline:
// no fonts from a CDN, no telemetry, no cloud client, AI agent or MCP buttons.
Scalar.createApiReference('#app', {
  url: '/api/openapi.json',
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  agent: { disabled: true },
  mcp: { disabled: true },
});
