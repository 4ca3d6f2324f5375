package com.architectreviewer.scan;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The servlet container's multipart limits follow {@code reviewer.scan.max-upload-size}, so one
 * setting decides the largest archive: a bigger part is refused while it is read (also when the
 * upload is chunked, without a Content-Length) and answered with 413 problem+json, before anything
 * is stored. Replaces Boot's {@code spring.servlet.multipart.*} configuration.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

  /** Room for the multipart boundaries and part headers around the archive itself. */
  static final DataSize ENVELOPE = DataSize.ofKilobytes(64);

  @Bean
  MultipartConfigElement multipartConfigElement(ScanProperties properties) {
    var factory = new MultipartConfigFactory();
    DataSize archive = properties.maxUploadSize();
    factory.setMaxFileSize(archive);
    factory.setMaxRequestSize(DataSize.ofBytes(archive.toBytes() + ENVELOPE.toBytes()));
    return factory.createMultipartConfig();
  }
}
