// An independent client: node-soap (npm 'soap') reads the published WSDL and calls getTotals with a WS-Security
// UsernameToken (PasswordDigest with Nonce and Created, and a Timestamp), as a non-Java caller would.
// Usage: node wss-client.mjs <wsdl-url> <endpoint-url> <user> <password>   (trust: NODE_EXTRA_CA_CERTS=ca.pem)
// Prints the outcome as outcome.mjs says.
import soap from 'soap';
import { report } from './outcome.mjs';

const [wsdl, endpoint, user, password] = process.argv.slice(2);
await report(async () => {
  const client = await soap.createClientAsync(wsdl, { disableCache: true });
  client.setEndpoint(endpoint);
  client.setSecurity(new soap.WSSecurity(user, password, { passwordType: 'PasswordDigest', hasTimeStamp: true, hasNonce: true }));
  return client.getTotalsAsync({});
});
