package app.miniwallet.testsupport.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.onlyHaveDependenciesWhere;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The architecture rules each service checks against its production classes in its {@code ArchitectureUnitTest}.
 * A rule takes the service's root package, such as {@code app.miniwallet.api}; the other services and the test
 * tools are that package's siblings.
 */
public final class WalletArchitecture {

    private static final List<String> SERVICES = List.of("api", "processor", "notifier", "analytics");
    private static final List<String> TEST_TOOLS = List.of("testsupport", "devstack", "systemtests", "loadtests");

    private static final String[] HTTP_PACKAGES = {
        "org.springframework.http..",
        "org.springframework.web..",
        "org.springframework.security.web..",
        "org.springframework.messaging.simp..",
        "jakarta.servlet.."
    };

    private static final String[] FRAMEWORK_PACKAGES = {
        "org.springframework..",
        "org.apache.kafka..",
        "java.sql..",
        "javax.sql..",
        "jakarta..",
        "tools.jackson..",
        "com.fasterxml.jackson.."
    };

    private static final String CONFIGURATION = "org.springframework.context.annotation.Configuration";

    private WalletArchitecture() {}

    /** The service depends on no other service and on no test tool ({@code testsupport}, {@code devstack}, {@code systemtests}, {@code loadtests}). */
    public static ArchRule servicesDoNotImportEachOther(String root) {
        var service = root.substring(root.lastIndexOf('.') + 1);
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("not a service's root package: " + root);
        }
        var siblings = root.substring(0, root.lastIndexOf('.') + 1);
        var others = Stream.concat(SERVICES.stream(), TEST_TOOLS.stream())
                .filter(name -> !name.equals(service))
                .map(name -> siblings + name + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services share only wallet-contracts and wallet-platform, and talk through Kafka and HTTP");
    }

    /**
     * Outside its transport packages (such as {@code ..web..} or {@code ..stomp..}) and its {@code @Configuration}
     * classes, the service uses no HTTP, servlet or STOMP type, nor a transport class that uses one (such as the
     * api's {@code Problems}).
     */
    public static ArchRule serviceClassesCarryNoHttpTypes(String root, String... transportPackages) {
        var httpTypes = resideInAnyPackage(HTTP_PACKAGES);
        var httpTypesOrTransportClassesUsingThem = httpTypes
                .or(resideInAnyPackage(transportPackages).and(use(httpTypes)))
                .as(
                        "are HTTP types %s or classes of %s that use one",
                        List.of(HTTP_PACKAGES), List.of(transportPackages));
        return noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(transportPackages)
                .and()
                .areNotMetaAnnotatedWith(CONFIGURATION)
                .should()
                .dependOnClassesThat(httpTypesOrTransportClassesUsingThem)
                .because("a service class says what happened; the transport layer decides what that is in HTTP");
    }

    /**
     * A feature is a package right under the root ({@code api.transfer}); its sub-packages ({@code transfer.web},
     * {@code transfer.jdbc}) are its own business: the rest of the service reaches it only through the types
     * directly in its package.
     */
    public static ArchRule featuresMeetOnlyThroughTheirTopLevelTypes(String root) {
        return classes()
                .that()
                .resideInAPackage(root + "..")
                .should(onlyHaveDependenciesWhere(DescribedPredicate.describe(
                        "no target lies in a sub-package of another feature",
                        (Dependency dependency) -> !reachesIntoAnotherFeature(root, dependency))));
    }

    /**
     * The classes directly in the domain package (not those of its sub-packages, such as {@code jdbc} or
     * {@code kafka}) use no Spring, Kafka, JDBC, Jakarta or Jackson type.
     */
    public static ArchRule domainIsFreeOfFrameworks(String domainPackage) {
        return noClasses()
                .that()
                .resideInAPackage(domainPackage)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FRAMEWORK_PACKAGES)
                .because("the domain's rules are tested without a framework, a broker or a database");
    }

    private static DescribedPredicate<JavaClass> use(DescribedPredicate<JavaClass> types) {
        return DescribedPredicate.describe(
                "use " + types.getDescription(), type -> type.getDirectDependenciesFromSelf().stream()
                        .anyMatch(dependency -> types.test(dependency.getTargetClass())));
    }

    private static boolean reachesIntoAnotherFeature(String root, Dependency dependency) {
        var target = packagesUnder(root, dependency.getTargetClass().getBaseComponentType());
        var origin = packagesUnder(root, dependency.getOriginClass());
        return target.size() > 1 && (origin.isEmpty() || !origin.get(0).equals(target.get(0)));
    }

    /** [transfer, web] for a class in {@code root.transfer.web}; empty for the root package and outside it. */
    private static List<String> packagesUnder(String root, JavaClass type) {
        var name = type.getPackageName();
        return name.startsWith(root + ".")
                ? List.of(name.substring(root.length() + 1).split("\\."))
                : List.of();
    }
}
