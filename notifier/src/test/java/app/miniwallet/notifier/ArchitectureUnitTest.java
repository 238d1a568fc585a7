package app.miniwallet.notifier;

import static app.miniwallet.testsupport.architecture.WalletArchitecture.featuresMeetOnlyThroughTheirTopLevelTypes;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.serviceClassesCarryNoHttpTypes;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.servicesDoNotImportEachOther;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureUnitTest {

    private static final String ROOT = "app.miniwallet.notifier";
    private static final JavaClasses NOTIFIER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void importsNoOtherServiceNorATestTool() {
        servicesDoNotImportEachOther(ROOT).check(NOTIFIER);
    }

    @Test
    void speaksHttpAndStompOnlyInItsStompPackage() {
        serviceClassesCarryNoHttpTypes(ROOT, "..stomp..").check(NOTIFIER);
    }

    @Test
    void reachesAFeatureOnlyThroughItsTopLevelTypes() {
        featuresMeetOnlyThroughTheirTopLevelTypes(ROOT).check(NOTIFIER);
    }
}
