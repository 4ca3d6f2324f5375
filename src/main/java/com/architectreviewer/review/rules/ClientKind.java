package com.architectreviewer.review.rules;

/** Database and Redis clients that hold connections (a pool or a socket). */
public enum ClientKind {
  PRISMA("PrismaClient"),
  PG("pg Pool/Client"),
  POSTGRES_JS("postgres() client"),
  MYSQL("mysql2 pool"),
  MONGO("MongoClient"),
  MONGOOSE("mongoose connection"),
  KNEX("Knex instance"),
  SEQUELIZE("Sequelize instance"),
  DRIZZLE_INLINE("drizzle() with its own pool"),
  REDIS("Redis client");

  private final String label;

  ClientKind(String label) {
    this.label = label;
  }

  /** How messages name it. */
  public String label() {
    return label;
  }

  public boolean isDatabase() {
    return this != REDIS;
  }
}
