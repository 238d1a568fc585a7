package app.miniwallet.processor;

import static app.miniwallet.testsupport.architecture.WalletArchitecture.domainIsFreeOfFrameworks;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.featuresMeetOnlyThroughTheirTopLevelTypes;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.serviceClassesCarryNoHttpTypes;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.servicesDoNotImportEachOther;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureUnitTest {

    private static final String ROOT = "app.miniwallet.processor";
    private static final JavaClasses PROCESSOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void importsNoOtherServiceNorATestTool() {
        servicesDoNotImportEachOther(ROOT).check(PROCESSOR);
    }

    @Test
    void speaksHttpOnlyInItsWebPackages() {
        serviceClassesCarryNoHttpTypes(ROOT, "..web..").check(PROCESSOR);
    }

    @Test
    void reachesAFeatureOnlyThroughItsTopLevelTypes() {
        featuresMeetOnlyThroughTheirTopLevelTypes(ROOT).check(PROCESSOR);
    }

    @Test
    void theTransferDomainUsesNoFramework() {
        domainIsFreeOfFrameworks(ROOT + ".transfer").check(PROCESSOR);
    }
}
