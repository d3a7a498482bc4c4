"""Seed a few answer templates in Finnish, Swedish and English (editable in the admin)."""

from django.db import migrations

TEMPLATES = [
    (
        "in-review",
        "in_review",
        {
            "fi": "Ideasi on käsittelyssä",
            "sv": "Din idé behandlas",
            "en": "Your idea is being reviewed",
        },
        {
            "fi": "Kiitos yhteistyöideastasi. Espoon kaupungin kansainvälisten asioiden tiimi "
            "käsittelee sitä parhaillaan, ja olemme sinuun yhteydessä, kun olemme arvioineet sen.",
            "sv": "Tack för din samarbetsidé. Esbo stads internationella team behandlar den just "
            "nu, och vi kontaktar dig när vi har bedömt den.",
            "en": "Thank you for your cooperation idea. The City of Espoo's international team "
            "is now reviewing it, and we will contact you when we have considered it.",
        },
    ),
    (
        "more-information",
        "more_info_requested",
        {
            "fi": "Pyydämme lisätietoja",
            "sv": "Vi ber om mer information",
            "en": "We need more information",
        },
        {
            "fi": "Kiitos ideastasi. Tarvitsemme lisätietoja voidaksemme arvioida sen. Kirjoita "
            "meille osoitteeseen international@espoo.fi ja kerro tarkemmin aikataulusta, mukana "
            "olevista ihmisistä ja resursseista, joita toisit yhteistyöhön. Mainitse viestissä "
            "ideasi tunnus.",
            "sv": "Tack för din idé. För att kunna bedöma den behöver vi mer information. Skriv "
            "till oss på international@espoo.fi och berätta mer om tidtabellen, de personer som "
            "deltar och de resurser du skulle bidra med. Nämn idéns referens i meddelandet.",
            "en": "Thank you for your idea. To assess it, we need more information. Please write "
            "to us at international@espoo.fi and tell us more about the schedule, the people "
            "involved and the resources you would bring. Please mention the reference of your "
            "idea.",
        },
    ),
    (
        "accepted",
        "accepted",
        {
            "fi": "Viemme ideaa eteenpäin",
            "sv": "Vi går vidare med idén",
            "en": "We will take the idea forward",
        },
        {
            "fi": "Meillä on ilo kertoa, että Espoon kaupunki haluaa viedä ideaasi eteenpäin. "
            "Tiimimme jäsen on sinuun pian yhteydessä, jotta voimme sopia seuraavista askelista.",
            "sv": "Vi är glada att kunna meddela att Esbo stad vill gå vidare med din idé. En "
            "person i vårt team kontaktar dig snart för att komma överens om nästa steg.",
            "en": "We are glad to tell you that the City of Espoo would like to take your idea "
            "forward. A member of our team will contact you shortly to agree on the next steps.",
        },
    ),
    (
        "declined",
        "declined",
        {
            "fi": "Emme voi viedä ideaa eteenpäin",
            "sv": "Vi kan inte gå vidare med idén",
            "en": "We cannot take the idea forward",
        },
        {
            "fi": "Kiitos kiinnostuksestasi yhteistyöhön Espoon kaupungin kanssa. Olemme "
            "arvioineet ideasi huolellisesti, mutta emme voi viedä sitä eteenpäin tällä "
            "hetkellä. Toivomme kuulevamme sinusta uusien ideoiden merkeissä.",
            "sv": "Tack för ditt intresse för samarbete med Esbo stad. Vi har noga övervägt din "
            "idé, men vi kan inte gå vidare med den just nu. Vi hoppas höra av dig igen med nya "
            "idéer.",
            "en": "Thank you for your interest in cooperating with the City of Espoo. We have "
            "considered your idea carefully, but we cannot take it forward at this time. We hope "
            "to hear from you again with new ideas.",
        },
    ),
    (
        "forwarded",
        "forwarded",
        {
            "fi": "Idea on välitetty eteenpäin",
            "sv": "Idén har skickats vidare",
            "en": "The idea has been forwarded",
        },
        {
            "fi": "Kiitos ideastasi. Se koskee työtä, jota toinen organisaatio pystyy viemään "
            "eteenpäin meitä paremmin, joten olemme välittäneet sen heille. He ovat sinuun "
            "suoraan yhteydessä.",
            "sv": "Tack för din idé. Den gäller arbete som en annan organisation har bättre "
            "förutsättningar att driva vidare, så vi har skickat den vidare till dem. De "
            "kontaktar dig direkt.",
            "en": "Thank you for your idea. It concerns work that another organisation is better "
            "placed to take forward, so we have forwarded it to them. They will contact you "
            "directly.",
        },
    ),
]


def seed(apps, schema_editor):
    # bulk_create: seeding is not a staff change, so no audit events (signals are not sent).
    AnswerTemplate = apps.get_model("ideas", "AnswerTemplate")
    existing = set(AnswerTemplate.objects.values_list("slug", flat=True))
    rows = []
    for order, (slug, status, names, bodies) in enumerate(TEMPLATES, start=1):
        if slug in existing:
            continue
        values = {"order": order, "status": status, "name": names["fi"], "body": bodies["fi"]}
        for code in ("fi", "sv", "en"):
            values[f"name_{code}"] = names[code]
            values[f"body_{code}"] = bodies[code]
        rows.append(AnswerTemplate(slug=slug, **values))
    AnswerTemplate.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    AnswerTemplate = apps.get_model("ideas", "AnswerTemplate")
    AnswerTemplate.objects.filter(slug__in=[t[0] for t in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("ideas", "0002_triage")]

    operations = [migrations.RunPython(seed, unseed)]
