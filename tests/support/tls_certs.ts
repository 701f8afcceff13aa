/**
 * Certificates for a TLS Docker engine, made with `openssl` as Docker's
 * "Protect the Docker daemon socket" guide makes them: a CA, a server
 * certificate for `IP:127.0.0.1`, and a client certificate for clientAuth.
 *
 * @module
 */

/** The files {@linkcode makeTlsCerts} writes, by path. */
export interface TlsCerts {
  /** The folder to give as `DOCKER_CERT_PATH`: `ca.pem`, `cert.pem`, `key.pem` (the client's). */
  readonly certPath: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** A second CA that signed nothing here, to test a client that trusts the wrong one. */
  readonly otherCa: string;
}

/** Writes a CA, a server and a client certificate into `dir`. Needs `openssl`. */
export async function makeTlsCerts(dir: string): Promise<TlsCerts> {
  const certPath = `${dir}/client`;
  await Deno.mkdir(certPath, { recursive: true });
  const at = (name: string) => `${dir}/${name}`;
  await makeCa(at("ca-key.pem"), at("ca.pem"));
  await makeCa(at("other-ca-key.pem"), at("other-ca.pem"));
  await sign({ name: "server", dir, key: at("server-key.pem"), cert: at("server-cert.pem") }, [
    "subjectAltName = IP:127.0.0.1",
    "extendedKeyUsage = serverAuth",
  ]);
  await sign({ name: "client", dir, key: `${certPath}/key.pem`, cert: `${certPath}/cert.pem` }, [
    "extendedKeyUsage = clientAuth",
  ]);
  await Deno.copyFile(at("ca.pem"), `${certPath}/ca.pem`);
  return {
    certPath,
    serverCert: at("server-cert.pem"),
    serverKey: at("server-key.pem"),
    otherCa: at("other-ca.pem"),
  };
}

async function makeCa(key: string, cert: string): Promise<void> {
  await openssl(["genrsa", "-out", key, "2048"]);
  await openssl([
    "req",
    "-new",
    "-x509",
    "-days",
    "2",
    "-key",
    key,
    "-sha256",
    "-subj",
    "/CN=envoynpm-test-ca",
    "-out",
    cert,
  ]);
}

async function sign(
  target: { name: string; dir: string; key: string; cert: string },
  extensions: readonly string[],
): Promise<void> {
  const { name, dir, key, cert } = target;
  const csr = `${dir}/${name}.csr`;
  const ext = `${dir}/${name}-ext.cnf`;
  await Deno.writeTextFile(ext, extensions.join("\n") + "\n");
  await openssl(["genrsa", "-out", key, "2048"]);
  await openssl(["req", "-new", "-key", key, "-subj", `/CN=${name}`, "-out", csr]);
  await openssl([
    "x509",
    "-req",
    "-days",
    "2",
    "-sha256",
    "-in",
    csr,
    "-CA",
    `${dir}/ca.pem`,
    "-CAkey",
    `${dir}/ca-key.pem`,
    "-CAcreateserial",
    "-out",
    cert,
    "-extfile",
    ext,
  ]);
}

async function openssl(args: string[]): Promise<void> {
  const output = await new Deno.Command("openssl", { args, stdout: "null", stderr: "piped" })
    .output()
    .catch((e) => {
      throw new Error(`Cannot run openssl (apt-get install -y openssl): ${e}`);
    });
  if (!output.success) {
    throw new Error(`openssl ${args[0]}: ${new TextDecoder().decode(output.stderr)}`);
  }
}
