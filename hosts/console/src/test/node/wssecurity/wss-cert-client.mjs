// An independent client: node-soap (npm 'soap') reads the published WSDL and calls getTotals with a message signed
// by an X.509 certificate (WSSecurityCert: an RSA-SHA256 signature over the Body and a Timestamp, the certificate in
// a BinarySecurityToken), as a non-Java caller would. node-soap signs but does not encrypt.
// Usage: node wss-cert-client.mjs <wsdl-url> <endpoint-url> <private-key.pem> <certificate.pem>
// Prints the outcome as outcome.mjs says.
import fs from 'node:fs';
import soap from 'soap';
import { report } from './outcome.mjs';

const [wsdl, endpoint, keyFile, certificateFile] = process.argv.slice(2);
await report(async () => {
  const client = await soap.createClientAsync(wsdl, { disableCache: true });
  client.setEndpoint(endpoint);
  // node-soap takes one certificate: the leaf, the first of the PEM chain
  const leaf = fs.readFileSync(certificateFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)[0];
  client.setSecurity(new soap.WSSecurityCert(fs.readFileSync(keyFile, 'utf8'), leaf, '',
    { hasTimeStamp: true, signerOptions: { prefix: 'ds' } }));
  return client.getTotalsAsync({});
});
