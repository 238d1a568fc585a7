package app.miniwallet.analytics;

import static app.miniwallet.testsupport.architecture.WalletArchitecture.featuresMeetOnlyThroughTheirTopLevelTypes;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.serviceClassesCarryNoHttpTypes;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.servicesDoNotImportEachOther;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureUnitTest {

    private static final String ROOT = "app.miniwallet.analytics";
    private static final JavaClasses ANALYTICS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void importsNoOtherServiceNorATestTool() {
        servicesDoNotImportEachOther(ROOT).check(ANALYTICS);
    }

    @Test
    void speaksHttpOnlyInItsWebPackage() {
        serviceClassesCarryNoHttpTypes(ROOT, "..web..").check(ANALYTICS);
    }

    @Test
    void reachesAFeatureOnlyThroughItsTopLevelTypes() {
        featuresMeetOnlyThroughTheirTopLevelTypes(ROOT).check(ANALYTICS);
    }
}
