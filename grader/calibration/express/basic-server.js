// Step 1: the basic webhook listener. Run: node basic-server.js 8000
const { webhookApp, listen } = require('./common');

const { app } = webhookApp('basic', async (event) => {
  console.log('Webhook received:', event);
  return { body: { status: 'ok', event: event.event } };
});

listen(app);
