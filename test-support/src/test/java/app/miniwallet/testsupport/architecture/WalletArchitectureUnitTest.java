package app.miniwallet.testsupport.architecture;

import static app.miniwallet.testsupport.architecture.WalletArchitecture.domainIsFreeOfFrameworks;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.featuresMeetOnlyThroughTheirTopLevelTypes;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.serviceClassesCarryNoHttpTypes;
import static app.miniwallet.testsupport.architecture.WalletArchitecture.servicesDoNotImportEachOther;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.miniwallet.testsupport.architecture.planted.api.WiresTheUserController;
import app.miniwallet.testsupport.architecture.planted.api.auth.SecurityConfiguration;
import app.miniwallet.testsupport.architecture.planted.api.transfer.ReachesIntoUserWeb;
import app.miniwallet.testsupport.architecture.planted.api.transfer.ReadsTheProcessorsLedger;
import app.miniwallet.testsupport.architecture.planted.api.transfer.RefusesWithHttpStatus;
import app.miniwallet.testsupport.architecture.planted.api.transfer.RefusesWithProblems;
import app.miniwallet.testsupport.architecture.planted.api.transfer.StartsATestStack;
import app.miniwallet.testsupport.architecture.planted.api.transfer.Transfers;
import app.miniwallet.testsupport.architecture.planted.api.user.Users;
import app.miniwallet.testsupport.architecture.planted.api.user.web.UserController;
import app.miniwallet.testsupport.architecture.planted.api.web.FieldViolation;
import app.miniwallet.testsupport.architecture.planted.api.web.Problems;
import app.miniwallet.testsupport.architecture.planted.processor.transfer.Ledger;
import app.miniwallet.testsupport.architecture.planted.processor.transfer.ReadsKafkaRecords;
import app.miniwallet.testsupport.architecture.planted.processor.transfer.SpringManagedLedger;
import app.miniwallet.testsupport.architecture.planted.processor.transfer.jdbc.JdbcLedger;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule against a small service planted in {@code planted}: clean as it stands, broken by one added class. */
class WalletArchitectureUnitTest {

    private static final String API = "app.miniwallet.testsupport.architecture.planted.api";
    private static final String DOMAIN = "app.miniwallet.testsupport.architecture.planted.processor.transfer";

    private static final Class<?>[] CLEAN_API = {
        Transfers.class,
        Users.class,
        UserController.class,
        Problems.class,
        FieldViolation.class,
        SecurityConfiguration.class
    };

    @Test
    void theCleanServiceKeepsEveryRule() {
        var api = classes(CLEAN_API);

        assertThat(servicesDoNotImportEachOther(API).evaluate(api).hasViolation())
                .isFalse();
        assertThat(serviceClassesCarryNoHttpTypes(API, "..web..").evaluate(api).hasViolation())
                .isFalse();
        assertThat(featuresMeetOnlyThroughTheirTopLevelTypes(API).evaluate(api).hasViolation())
                .isFalse();
    }

    @Test
    void theCleanDomainKeepsItsRuleWhileItsJdbcSubPackageUsesJdbc() {
        var rule = domainIsFreeOfFrameworks(DOMAIN);

        assertThat(rule.evaluate(classes(Ledger.class, JdbcLedger.class)).hasViolation())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(classes = {ReadsTheProcessorsLedger.class, StartsATestStack.class})
    void aServiceImportingAnotherServiceOrATestToolIsReported(Class<?> planted) {
        assertReportsOnly(servicesDoNotImportEachOther(API), planted, CLEAN_API);
    }

    @ParameterizedTest
    @ValueSource(classes = {RefusesWithHttpStatus.class, RefusesWithProblems.class})
    void aServiceClassSpeakingHttpIsReported(Class<?> planted) {
        assertReportsOnly(serviceClassesCarryNoHttpTypes(API, "..web.."), planted, CLEAN_API);
    }

    @ParameterizedTest
    @ValueSource(classes = {ReachesIntoUserWeb.class, WiresTheUserController.class})
    void reachingIntoAnotherFeaturesSubPackageIsReported(Class<?> planted) {
        assertReportsOnly(featuresMeetOnlyThroughTheirTopLevelTypes(API), planted, CLEAN_API);
    }

    @ParameterizedTest
    @ValueSource(classes = {ReadsKafkaRecords.class, SpringManagedLedger.class})
    void aDomainClassUsingAFrameworkIsReported(Class<?> planted) {
        assertReportsOnly(domainIsFreeOfFrameworks(DOMAIN), planted, Ledger.class, JdbcLedger.class);
    }

    @Test
    void onlyAServicesRootPackageNamesAService() {
        assertThatThrownBy(() -> servicesDoNotImportEachOther("app.miniwallet.platform"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertReportsOnly(ArchRule rule, Class<?> planted, Class<?>... clean) {
        var result = rule.evaluate(
                classes(Stream.concat(Stream.of(planted), Stream.of(clean)).toArray(Class<?>[]::new)));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .allSatisfy(violation -> assertThat(violation).contains(planted.getName()));
    }

    private static JavaClasses classes(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }
}
