package com.architectreviewer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The Java form of the seed's "NEVER instantiate new PrismaClient() outside lib/prisma.ts". */
class ConnectionDisciplineTest {

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("com.architectreviewer");

  @Test
  void onlyTheDbModuleConstructsDataSources() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.architectreviewer.db..")
        .should()
        .callConstructorWhere(
            DescribedPredicate.describe(
                "a constructor of a DataSource or HikariConfig",
                target ->
                    target.getTargetOwner().isAssignableTo(DataSource.class)
                        || target.getTargetOwner().isAssignableTo(HikariConfig.class)))
        .because("one pool per process: only the db module creates connections")
        .check(PRODUCTION);
  }

  @Test
  void onlyTheDbModuleOpensConnectionsThroughDriverManager() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.architectreviewer.db..")
        .should()
        .callMethod(DriverManager.class, "getConnection", String.class)
        .orShould()
        .callMethod(DriverManager.class, "getConnection", String.class, String.class, String.class)
        .orShould()
        .callMethod(DriverManager.class, "getConnection", String.class, java.util.Properties.class)
        .because("one pool per process: only the db module creates connections")
        .check(PRODUCTION);
  }

  @Test
  void hikariDataSourceIsOnlyNamedInsideTheDbModule() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.architectreviewer.db..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(HikariDataSource.class)
        .check(PRODUCTION);
  }
}
