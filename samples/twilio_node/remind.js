// Usage: node remind.js TO WHEN — sends one reminder SMS and prints its SID as JSON.
const { remind } = require('./src/reminders');

remind(process.argv[2], process.argv[3])
  .then((sid) => console.log(JSON.stringify({ sid })))
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
