package dev.chime.config;

/** What a job runs: exactly one kind block per job. */
public sealed interface KindSpec permits CommandSpec, HttpSpec, SqlSpec, JavaSpec {

  /** The kind's name as written in config ({@code command}, ...). */
  String kind();
}
