package org.cityservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of docs/architecture.md, kept true by the build. */
@AnalyzeClasses(
        packages = "org.cityservice",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.BackendOnly.class})
class ArchitectureTest {

    private static final String[] FEATURES = {
        "org.cityservice.listing..",
        "org.cityservice.complaint..",
        "org.cityservice.survey..",
        "org.cityservice.stats.."
    };

    @ArchTest
    static final ArchRule sharedKnowsNoFeature = noClasses()
            .that()
            .resideInAnyPackage("org.cityservice.shared..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURES);

    @ArchTest
    static final ArchRule infrastructureKnowsNoFeature = noClasses()
            .that()
            .resideInAnyPackage(
                    "org.cityservice.redis..",
                    "org.cityservice.district..",
                    "org.cityservice.identity..",
                    "org.cityservice.wechat..",
                    "org.cityservice.sms..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURES);

    /** WeChat is an adapter: identity uses it through its port and events, never the other way round. */
    @ArchTest
    static final ArchRule wechatKnowsNoIdentity = noClasses()
            .that()
            .resideInAPackage("org.cityservice.wechat..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.cityservice.identity..");

    /** Surveys build on complaints (their events, their directory), never the other way round. */
    @ArchTest
    static final ArchRule complaintsKnowNoSurvey = noClasses()
            .that()
            .resideInAPackage("org.cityservice.complaint..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.cityservice.survey..");

    /** Feature packages depend on each other one way only: no cycle, however long. */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("org.cityservice.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noStandardStreams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    /** The stand-ins of miniapp-stub are a separate program with rules of their own (it prints its address). */
    static final class BackendOnly implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("/org/cityservice/stub/");
        }
    }
}
