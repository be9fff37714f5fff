package org.povertyalleviation.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * What a partner does with a service's OpenAPI document: parse it with a real OpenAPI parser and generate a client from
 * it. The documents are those the services' integration tests read from the running services and kept
 * (ApiDocuments), one per service and the template: a service without one fails here, it is never skipped.
 */
class ApiContractsTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    static Stream<String> services() throws IOException {
        List<String> services = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(REPOSITORY.resolve("services"))) {
            dirs.filter(dir -> Files.isRegularFile(dir.resolve("src/main/resources/application.yml")))
                    .forEach(dir -> services.add("services/" + dir.getFileName()));
        }
        services.add("templates/service-template");
        return services.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("services")
    void the_document_parses_strictly_and_a_client_generates_from_it(String module) throws IOException {
        String service = module.substring(module.lastIndexOf('/') + 1);
        Path document = REPOSITORY.resolve(module).resolve("target/openapi/" + service + ".json");
        assertThat(document).as("the document " + module + "'s ApiDocumentIT keeps (run the build from the root)").isRegularFile();

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readLocation(document.toUri().toString(), null, options);
        assertThat(parsed.getMessages()).as(service + "'s document, parsed").isEmpty();
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("bearer", "keycloak");

        Path client = Path.of("target", "clients", service);
        List<File> generated = new DefaultGenerator().opts(new CodegenConfigurator()
                .setGeneratorName("java")
                .setLibrary("native")
                .setInputSpec(document.toString())
                .setOutputDir(client.toString())
                .setApiPackage("org.povertyalleviation.client." + service.replace("-", "") + ".api")
                .setModelPackage("org.povertyalleviation.client." + service.replace("-", "") + ".model")
                .toClientOptInput()).generate();
        assertThat(generated.stream().map(File::getName)).as("the generated " + service + " client")
                .anyMatch(name -> name.endsWith("Api.java"))
                .contains("Problem.java", "ApiClient.java");
    }
}
