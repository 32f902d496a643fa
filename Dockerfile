# syntax=docker/dockerfile:1
# chime: build with the Maven wrapper on a JDK, run the fat jar on a JRE.
#   docker build -t chime:0.1.0 .
# Both stages are glibc (Ubuntu) images: the embedded PostgreSQL bundled in the jar for try-outs is a
# glibc linux-x86_64 build, so the image is linux/amd64 (use --platform linux/amd64 on arm64 hosts).

FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
# Wrapper and POM first: the dependency layer is rebuilt only when pom.xml changes, not on every source edit.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
# Tests need PostgreSQL and real processes; CI runs them (./mvnw verify) before the image is built.
# Not offline: go-offline misses some plugins' lazily resolved dependencies; the cache mount keeps it cheap.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests && cp target/chime.jar /chime.jar

FROM eclipse-temurin:17-jre-jammy
# Set by the release build: docker build --build-arg VERSION=... --build-arg REVISION=$(git rev-parse HEAD) --build-arg SOURCE=URL
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="chime" \
      org.opencontainers.image.description="Clustered cron scheduler daemon: HOCON job definitions on a Quartz JDBC store on PostgreSQL" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre-jammy"

# tini as PID 1: it forwards SIGTERM to the JVM (to the JVM only, no -g: command jobs must keep running
# while chime waits for them during its graceful stop) and reaps the orphans command jobs leave behind.
# curl: the HEALTHCHECK. A fixed numeric uid/gid with a passwd entry: Kubernetes' runAsUser matches it, and
# the embedded PostgreSQL's initdb refuses a uid it cannot look up.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 chime \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/chime --shell /usr/sbin/nologin chime \
 && mkdir -p /etc/chime /var/lib/chime /opt/chime/lib \
 && chown 10001:10001 /var/lib/chime

COPY --from=build /chime.jar /opt/chime/chime.jar
# The production schedule as the default config, and the quick-start demo for a try-out
# (docker run -e CHIME_CONFIG=/etc/chime/demo.conf). Deployments mount their own /etc/chime.
COPY conf/chime.conf /etc/chime/chime.conf
COPY conf/demo.conf /etc/chime/demo.conf

# CHIME_ADMIN_HOST: the admin API must be reachable from outside the container; it only starts once a
# token is configured (chime.admin.tokens), so 0.0.0.0 never serves an unauthenticated API.
# CHIME_DATA_DIR: the embedded PostgreSQL (only without CHIME_DB_URL, for a try-out) on the volume.
# JAVA_TOOL_OPTIONS: heap as a share of the container's memory limit, leaving room for command jobs'
# processes, metaspace and thread stacks in the same cgroup; exit on OOM so the orchestrator restarts a
# clean JVM (a half-dead scheduler would keep its check-ins alive and its fires stuck).
ENV CHIME_CONFIG=/etc/chime/chime.conf \
    CHIME_DATA_DIR=/var/lib/chime/data \
    CHIME_LIB_DIR=/opt/chime/lib \
    CHIME_ADMIN_HOST=0.0.0.0 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
WORKDIR /var/lib/chime
VOLUME ["/var/lib/chime"]
# 9404 management (/metrics, /health/*; no auth), 8080 admin API (/api/v1; bearer tokens).
EXPOSE 9404 8080

# Readiness, not liveness: Docker only reports it (compose depends_on, docker ps); it never restarts.
# start-period covers migrations and the first reconcile (and initdb of the embedded PostgreSQL).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${CHIME_MANAGEMENT_PORT:-9404}/health/ready" || exit 1

# SIGTERM is chime's graceful stop (up to chime.shutdown-timeout, 30s, then exit 0): stop containers
# with a longer grace, e.g. docker stop -t 45 (Docker's default is 10s).
STOPSIGNAL SIGTERM
# Exec form, so no shell sits between tini and the JVM; the config comes from CHIME_CONFIG.
ENTRYPOINT ["/usr/bin/tini", "--", "java", "-jar", "/opt/chime/chime.jar"]
CMD ["run"]
