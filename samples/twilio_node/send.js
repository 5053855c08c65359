// Usage: node send.js TO BODY — sends one SMS and prints what happened as JSON.
const { notify } = require('./src/notify');
const { menu } = require('./src/voice');

notify(process.argv[2], process.argv[3])
  .then((sid) => console.log(JSON.stringify({ sid, voice: menu() })))
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
