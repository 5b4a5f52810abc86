// An independent server-reflection client, doing what `grpcurl list`, `grpcurl describe` and a grpcurl call do: it
// asks the server for its services and their file descriptors (gRPC server reflection v1), builds the message types
// from them and calls a method. No .proto file, nothing generated. Usage: node reflection-client.mjs <host:port>;
// WCF4J_AUTHORIZATION holds the Authorization metadata value. Prints what it saw as one JSON object.
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';

const [address] = process.argv.slice(2);
const SERVICE = 'io.wcf4j.sample.ledger.ledger.Ledger';

// the messages of the reflection protocol this client uses, with the field numbers of grpc/reflection/v1/reflection.proto
const reflection = protobuf.parse(`syntax = "proto3"; package grpc.reflection.v1;
  message ServerReflectionRequest { string host = 1;
    oneof message_request { string file_by_filename = 3; string file_containing_symbol = 4; string list_services = 7; } }
  message FileDescriptorResponse { repeated bytes file_descriptor_proto = 1; }
  message ServiceResponse { string name = 1; }
  message ListServiceResponse { repeated ServiceResponse service = 1; }
  message ErrorResponse { int32 error_code = 1; string error_message = 2; }
  message ServerReflectionResponse { string valid_host = 1; ServerReflectionRequest original_request = 2;
    oneof message_response { FileDescriptorResponse file_descriptor_response = 4; ListServiceResponse list_services_response = 6;
                             ErrorResponse error_response = 7; } }`, { keepCase: true }).root;
const Request = reflection.lookupType('grpc.reflection.v1.ServerReflectionRequest');
const Response = reflection.lookupType('grpc.reflection.v1.ServerReflectionResponse');
const client = new grpc.Client(address, grpc.credentials.createInsecure());

/** One question on a reflection stream, and its answer. */
function ask(request) {
  return new Promise((resolve, reject) => {
    const stream = client.makeBidiStreamRequest('/grpc.reflection.v1.ServerReflection/ServerReflectionInfo',
      (m) => Buffer.from(Request.encode(Request.fromObject(m)).finish()),
      (b) => Response.toObject(Response.decode(b), { oneofs: true, bytes: Buffer }),
      new grpc.Metadata(), { deadline: Date.now() + 10_000 });
    let answered = false;
    stream.on('data', (r) => { answered = true; resolve(r); stream.end(); });
    stream.on('error', (e) => { if (!answered) reject(e); });
    stream.on('end', () => { if (!answered) reject(new Error('the reflection stream ended without an answer')); });
    stream.write(request);
  });
}

const files = new Map();
/** The file descriptors an answer carries, and those they import, asked for one by one. */
async function load(request) {
  const r = await ask(request);
  if (r.error_response) {
    throw new Error(`reflection refused ${JSON.stringify(request)}: ${r.error_response.error_message}`);
  }
  for (const bytes of r.file_descriptor_response.file_descriptor_proto) {
    const file = descriptor.FileDescriptorProto.decode(bytes);
    if (!files.has(file.name)) {
      files.set(file.name, file);
      for (const dependency of file.dependency) {
        if (!files.has(dependency)) {
          await load({ file_by_filename: dependency });
        }
      }
    }
  }
}

const seen = {};
// grpcurl list
seen.services = (await ask({ list_services: '' })).list_services_response.service.map((s) => s.name).sort();
// grpcurl describe
await load({ file_containing_symbol: SERVICE });
const root = protobuf.Root.fromDescriptor(descriptor.FileDescriptorSet.create({ file: [...files.values()] })).resolveAll();
const service = root.lookupService(SERVICE);
seen.files = [...files.keys()].sort();
seen.methods = Object.keys(service.methods).sort();
seen.accountFields = root.lookupType('io.wcf4j.sample.ledger.ledger.Account').fieldsArray.map((f) => `${f.id} ${f.type} ${f.name}`);
// a grpcurl call: the request and reply types are the ones reflection described
const method = service.methods.OpenAccount;
const metadata = new grpc.Metadata();
metadata.set('authorization', process.env.WCF4J_AUTHORIZATION);
seen.opened = await new Promise((resolve, reject) => client.makeUnaryRequest(`/${SERVICE}/OpenAccount`,
  (m) => Buffer.from(method.resolvedRequestType.encode(method.resolvedRequestType.fromObject(m)).finish()),
  (b) => method.resolvedResponseType.toObject(method.resolvedResponseType.decode(b), { longs: String }),
  { owner: 'reflected', initialDeposit: '5.00' }, metadata, { deadline: Date.now() + 10_000 },
  (err, reply) => (err ? reject(err) : resolve(reply))));
client.close();
console.log(JSON.stringify(seen));
