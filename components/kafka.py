"""Kafka topics from the catalog on the region's cluster, and the platform's SCRAM user."""

from dataclasses import dataclass

import pulumi
import pulumi_kafka as kafka

# The migrator reconciles topics with the same two functions, without Pulumi.
from runtime.catalog import Topic, partitions, topic_config

APP_USER = "dataspace-app"


@dataclass(frozen=True)
class KafkaArgs:
    """The cluster to talk to and how topics are sized there."""

    bootstrap_servers: list[str]
    tls: bool
    admin_user: str | None
    admin_password: pulumi.Input[str] | None
    topics: tuple[Topic, ...]
    partitions_cap: int | None
    replication: int
    min_insync: int
    app_password: pulumi.Input[str] | None


class KafkaTopics(pulumi.ComponentResource):
    """Every catalog topic, sized for the environment, through an explicit provider."""

    def __init__(self, name: str, args: KafkaArgs, opts: pulumi.ResourceOptions | None = None):
        super().__init__("dataspace:kafka:KafkaTopics", name, None, opts)
        if args.min_insync > args.replication:
            raise ValueError(
                f"min.insync.replicas {args.min_insync} exceeds replication {args.replication}"
            )

        sasl = {}
        if args.admin_user:
            sasl = {
                "sasl_mechanism": "scram-sha512",
                "sasl_username": args.admin_user,
                "sasl_password": args.admin_password,
            }
        provider = kafka.Provider(
            f"{name}-provider",
            bootstrap_servers=args.bootstrap_servers,
            tls_enabled=args.tls,
            skip_tls_verify=False,
            **sasl,
            opts=pulumi.ResourceOptions(parent=self),
        )
        child = pulumi.ResourceOptions(parent=self, provider=provider)

        self.topic_names = []
        for topic in args.topics:
            created = kafka.Topic(
                f"{name}-{topic.name}",
                name=topic.name,
                partitions=partitions(topic, args.partitions_cap),
                replication_factor=args.replication,
                config=topic_config(topic, args.min_insync),
                opts=child,
            )
            self.topic_names.append(created.name)

        if args.app_password is not None:
            kafka.UserScramCredential(
                f"{name}-app-user",
                username=APP_USER,
                scram_mechanism="SCRAM-SHA-512",
                scram_iterations=8192,
                password=args.app_password,
                opts=child,
            )

        self.register_outputs({"topic_names": self.topic_names})
