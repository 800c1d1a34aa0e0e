package org.benxi.green.jobs.publish;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * One S3-compatible server for every test class in the JVM: S3Proxy over an in-memory blob store on
 * 127.0.0.1, with one bucket, {@code green}, reached through Hadoop's {@code s3a://}. It checks
 * request signatures, but ignores {@code If-None-Match} on PUT (S3Proxy 2.6.0 reads it only on GET
 * and HEAD) and does not implement bulk deletes, so s3a deletes one object at a time.
 */
public final class S3Server {
  private static final String ACCESS_KEY = "green-access";
  private static final String SECRET_KEY = "green-secret";
  private static Integer port;

  private S3Server() {}

  /** The bucket's URI, the server started on first use. */
  public static synchronized String bucket() {
    if (port == null) {
      BlobStoreContext context =
          ContextBuilder.newBuilder("transient")
              .credentials("identity", "credential")
              .build(BlobStoreContext.class);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(context.getBlobStore())
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .endpoint(URI.create("http://127.0.0.1:0"))
              .build();
      try {
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
          Thread.sleep(10);
        }
      } catch (Exception e) {
        throw new IllegalStateException("Cannot start S3Proxy", e);
      }
      context.getBlobStore().createContainerInLocation(null, "green");
      port = proxy.getPort();
    }
    return "s3a://green";
  }

  /** Points {@code conf}'s s3a client at the server, with its keys; returns {@code conf}. */
  public static Configuration configure(Configuration conf) {
    bucket();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", ACCESS_KEY);
    conf.set("fs.s3a.secret.key", SECRET_KEY);
    // S3Proxy answers the bulk DeleteObjects request of this SDK with 501 Not Implemented.
    conf.set("fs.s3a.multiobjectdelete.enable", "false");
    return conf;
  }
}
